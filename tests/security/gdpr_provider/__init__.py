"""A tiny installed app with a `personal_data` provider, as the alerts app has (tests only)."""
