import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", Path(tempfile.gettempdir()) / "samverka-test-media"))
AXES_ENABLED = env_bool("AXES_ENABLED", True)
if "DATABASE_URL" not in os.environ:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
LOGGING["root"]["level"] = "WARNING"
# Whitenoise wants an existing folder; tests never collect static files into it.
STATIC_ROOT = Path(tempfile.gettempdir()) / "samverka-test-static"
STATIC_ROOT.mkdir(exist_ok=True)
