"""The web face of propcore: a Litestar app with a JSON API and HTML pages."""
