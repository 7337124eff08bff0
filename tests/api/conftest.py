"""Fixtures for the API tests: a client that reads JSON, and pages in three languages."""

from __future__ import annotations

import pytest
from django.test import Client


class ApiClient(Client):
    def json(self, path: str, status: int = 200, **params):
        response = self.get(path, params)
        assert response.status_code == status, (response.status_code, response.content[:2000])
        return response.json()


@pytest.fixture
def api(db) -> ApiClient:
    return ApiClient()
