"""Toezicht: risk-based supervision — risk analysis, execution programme, inspections, findings, chains, dossier."""
