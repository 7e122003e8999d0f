from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("bodies", api.BodyViewSet, basename="api-body")
router.register("administrations", api.AdministrationViewSet, basename="api-administration")
router.register("external-parties", api.ExternalPartyViewSet, basename="api-external-party")
router.register("persons", api.PersonViewSet, basename="api-person")
router.register("political-assignments", api.PoliticalAssignmentViewSet, basename="api-political-assignment")
router.register("role-assignments", api.RoleAssignmentViewSet, basename="api-role-assignment")

urlpatterns = router.urls
