"""E-mail alerts of the board's new agendas, approved minutes and events (issue 19).

A visitor subscribes with an address, a language and the kinds of news they want; a signed,
expiring link confirms it (double opt-in). When a meeting or an event is published, each new
change is recorded once (`Announcement`, unique per change) and background tasks send it to
the confirmed subscribers in batches, each message with a one-click unsubscribe (RFC 8058).
"""
