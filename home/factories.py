"""factory_boy factories for the home app's pages: tests and the demo content (home.demo,
home.demo_site)."""

import wagtail_factories

from home.models import AssociationInfoPage, HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Vapaaehtoistyön neuvottelukunta"
    slug = "etusivu"
    lead = "Vapaaehtoistoiminta on hyvinvointia"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Saavutettavuusseloste"
    slug = "saavutettavuusseloste"

    class Meta:
        model = StandardPage


class AssociationInfoPageFactory(wagtail_factories.PageFactory):
    title = "Tietoa yhdistyksille"
    slug = "tietoa-yhdistyksille"

    class Meta:
        model = AssociationInfoPage
