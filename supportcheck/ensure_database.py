"""Create the PostgreSQL database named in DATABASE_URL if it does not exist yet.

    python -m supportcheck.ensure_database

Used by `make serve`; needs a role allowed to create databases. SQLite needs nothing.
"""

import os

import dj_database_url
import psycopg2
from psycopg2 import sql


def ensure_database(url: str) -> str:
    """Returns what it did, for the console."""
    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        return "not PostgreSQL: nothing to create"
    name = config["NAME"]
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
    )
    connection.autocommit = True  # CREATE DATABASE refuses to run in a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone():
                return f"database {name} exists"
            cursor.execute(
                sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                    sql.Identifier(name)
                )
            )
            return f"database {name} created"
    finally:
        connection.close()


if __name__ == "__main__":
    print(ensure_database(os.environ["DATABASE_URL"]))
