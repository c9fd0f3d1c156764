"""OpenVTH: the shared digital backbone of the Dutch VTH system."""

__version__ = "0.1.0"
