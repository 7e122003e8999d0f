from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("audits", api.AuditViewSet, basename="api-audit")
router.register("audit-actions", api.ActionViewSet, basename="api-audit-action")

urlpatterns = router.urls
