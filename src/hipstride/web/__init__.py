"""The web app: ``create_app(settings)`` builds it; pages (Jinja2) and the JSON API (/api/v1)."""
