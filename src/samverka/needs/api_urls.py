from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("needs", api.NeedViewSet, basename="api-need")
router.register("need-rankings", api.RankingViewSet, basename="api-need-ranking")

urlpatterns = router.urls
