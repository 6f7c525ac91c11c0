"""Throughput and scale: the Ray engine, its Parquet shards and `dyad load`."""
