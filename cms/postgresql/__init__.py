"""Django's PostgreSQL backend, with the health check of a reused connection made
without a round trip when the server has said nothing since the last query
(`base.DatabaseWrapper`)."""
