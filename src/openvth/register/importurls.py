from django.urls import path

from . import importviews

app_name = "importeren"
urlpatterns = [
    path("", importviews.upload, name="upload"),
    path("<uuid:uuid>/", importviews.voortgang, name="voortgang"),
    path("<uuid:uuid>/kwaliteit.csv", importviews.rapport, name="rapport"),
    path("<uuid:uuid>/hervatten", importviews.hervatten, name="hervatten"),
]
