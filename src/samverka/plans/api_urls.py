from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("plans", api.PlanViewSet, basename="api-plan")
router.register("initiatives", api.InitiativeViewSet, basename="api-initiative")
router.register("annual-cycles", api.CycleViewSet, basename="api-annual-cycle")

urlpatterns = router.urls
