from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

from .views import ceiling

urlpatterns = [path("bench/ceiling/", ceiling), *site_urlpatterns]
