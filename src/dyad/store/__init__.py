"""DuckDB store: schema, migrations, the single writer, and queries."""
