"""gunicorn settings read from the working directory, for hosts that run gunicorn rather
than `python -m cms.serve` (production's server), and for `make bench`'s comparison.

Long request lines and headers reach the application, so that an over-long search,
cursor or Accept-Language header gets the API's JSON 400 with a message rather than
gunicorn's bare 414/431: the API bounds every parameter itself. (gunicorn caps a
request line at 8 KB unless the limit is 0, which means at most 1 MB.)"""

limit_request_line = 0
limit_request_field_size = 32768
