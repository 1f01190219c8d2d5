"""The delivery API, mounted by the host project under /api/. Endpoints arrive with the
delivery API issue; the namespace exists now so hosts can wire it once."""

app_name = "api"
urlpatterns: list = []
