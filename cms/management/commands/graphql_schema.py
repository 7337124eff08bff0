"""Print the GraphQL schema in SDL, or write the committed contract (cms/graphql/schema.graphql)."""

from django.core.management.base import BaseCommand

from cms.graphql.schema import SDL_PATH, sdl


class Command(BaseCommand):
    help = "Print the SDL of /graphql/; --write updates cms/graphql/schema.graphql."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="Write cms/graphql/schema.graphql.")

    def handle(self, *args, write: bool = False, **options):
        text = sdl()
        if write:
            SDL_PATH.write_text(text)
            self.stdout.write(f"Wrote {SDL_PATH}")
        else:
            self.stdout.write(text, ending="")
