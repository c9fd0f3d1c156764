"""Permitting (vergunningverlening): requests and their intake (issue 15; ADR 0029)."""
