"""The admin app, with Samverka's admin site as the default site (`admin.site`).

Kept apart from `admin_site.py` because INSTALLED_APPS imports this module before the models
are ready; the site itself is imported lazily through `default_site`.
"""

from django.contrib.admin.apps import AdminConfig


class SamverkaAdminConfig(AdminConfig):
    default_site = "samverka.core.admin_site.SamverkaAdminSite"
