"""Handhaving: enforcement per the LHSO (API over the pure rules in openvth.regels; no models yet)."""
