from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("followup-rounds", api.RoundViewSet, basename="api-followup-round")

urlpatterns = router.urls
