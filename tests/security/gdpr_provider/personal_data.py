"""The provider contract of cms/security/gdpr.py, kept in memory: subscriptions by address."""

from cms.security.gdpr import Subject

SUBSCRIPTIONS: list[dict] = []
FAIL_ON_ERASE = False


def export(email: str, phones: list[str]) -> list[dict]:
    subject = Subject(email, phones)
    return [dict(s) for s in SUBSCRIPTIONS if subject.find(s["address"])]


def erase(email: str, phones: list[str], dry_run: bool) -> list[str]:
    subject = Subject(email, phones)
    mine = [s for s in SUBSCRIPTIONS if subject.find(s["address"])]
    if FAIL_ON_ERASE and not dry_run:
        raise RuntimeError("provider failed")
    if not dry_run:
        for subscription in mine:
            SUBSCRIPTIONS.remove(subscription)
    return [f"gdpr_provider: delete subscription {s['id']} ({s['topic']})" for s in mine]
