"""Persistence: SQLAlchemy 2 tables, queries and Alembic migrations (SQLite or PostgreSQL)."""
