"""Getting a download as a browser ends up with it."""

import time


def fetched(client, url: str):
    """A closed wave's PDF not kept yet is made in a thread (on PostgreSQL) while a page
    says so and asks again (202, Refresh): ask again until it is there."""
    deadline = time.monotonic() + 120
    response = client.get(url)
    while response.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.2)
        response = client.get(url)
    return response
