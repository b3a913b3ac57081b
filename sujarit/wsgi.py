import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sujarit.settings")
application = get_wsgi_application()

from sujarit.core.checks import refuse_development_key  # noqa: E402  (needs the settings)

refuse_development_key()
