"""Operations: backup and restore (docs/operations.md)."""
