"""gunicorn settings read from the working directory (production and benchmarks).

Request lines and headers up to 16 KB reach the application, so that an over-long
search, cursor or Accept-Language header gets the API's JSON 400 with a message
rather than gunicorn's bare 414/431. Larger requests are still refused."""

limit_request_line = 16384
limit_request_field_size = 16384
