"""Project-wide security measures: CSP per path, rate limits, admin lockout and 2FA, audit log.

Settings live in cms/settings/base.py (read from the environment) and production.py;
SECURITY.md explains the measures and how to report a vulnerability.
"""
