"""Model registry: which model plays each role, where its weights are, and one loaded instance of each."""

from .device import DevicePlan, plan_for
from .manager import ModelManager, RoleStatus
from .resolve import Resolved, locate, materialise, pull
from .specs import PROFILE_SPECS, PROFILES, ModelSpec

__all__ = [
    "DevicePlan", "ModelManager", "ModelSpec", "PROFILES", "PROFILE_SPECS", "Resolved", "RoleStatus",
    "locate", "materialise", "plan_for", "pull",
]
