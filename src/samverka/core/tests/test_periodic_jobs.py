from django.core.management import get_commands

from samverka.core.extensions import app_attributes


def test_every_periodic_job_is_a_management_command():
    commands = get_commands()
    jobs = [job for jobs in app_attributes("periodic_jobs") for job in jobs]
    assert jobs, "no app declares a periodic job"
    assert [job for job in jobs if job not in commands] == []
