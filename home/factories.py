import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Vapaaehtoistyön neuvottelukunta"
    slug = "etusivu"
    lead = "Vapaaehtoistoiminta on hyvinvointia"

    class Meta:
        model = HomePage
