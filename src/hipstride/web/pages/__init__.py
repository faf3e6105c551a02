"""Server-rendered pages: one module per page, templates under web/templates."""
