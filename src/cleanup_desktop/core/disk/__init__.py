"""Disk scan engine: walking, duplicates, hash cache, temp and cache cleaning rules."""
