from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired

# Paths that answer without a session: the API authenticates by itself (401, not a redirect),
# single sign-on starts before there is a session, static files are public, and anyone may
# choose the interface language.
PUBLIC_PREFIXES = ("/api/", "/oidc/", "/static/", "/media/public/", "/i18n/")


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Every page requires sign-in unless its view is marked `login_not_required`."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
