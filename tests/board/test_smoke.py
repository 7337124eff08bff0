from board import factories as f


def test_pages_render(client, board_pages, roles, seats, terms):
    f.MeetingFactory(number=1)
    for page in ("jasenet", "kokousmuistiot", "toimintakalenteri"):
        r = client.get(f"/fi/{page}/")
        assert r.status_code == 200, r.content[:3000]
