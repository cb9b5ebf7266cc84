from django.urls import path

from . import views

app_name = "taxonomy"
urlpatterns = [
    path("", views.index, name="index"),
    path("goals/", views.goal_list, name="goal-list"),
    path("goals/<int:number>/", views.goal_detail, name="goal-detail"),
    path("themes/", views.theme_list, name="theme-list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme-detail"),
    path("groups/", views.group_list, name="group-list"),
    path("groups/<slug:slug>/", views.group_detail, name="group-detail"),
    path("recommendations/", views.recommendation_list, name="recommendation-list"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation-detail"),
]
