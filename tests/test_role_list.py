"""The model roles are written once, as `roles.Role` (issue 23); whatever else is kept per role covers exactly
those: the protocols, every profile's specs, doctor --deep's probes, and `ModelManager.get`'s typed overloads."""

from __future__ import annotations

import typing

from assistant.doctor.deep import PROBES
from assistant.models import manager as manager_module
from assistant.models.manager import ModelManager
from assistant.models.specs import PROFILE_SPECS
from assistant.roles import ROLE_PROTOCOLS, ROLES, Role


def test_the_roles_are_the_role_literal():
    assert ROLES == typing.get_args(Role)
    assert set(ROLE_PROTOCOLS) == set(ROLES)
    assert set(PROBES) == set(ROLES)
    for profile, specs in PROFILE_SPECS.items():
        assert set(specs) == set(ROLES), profile


def test_model_manager_get_is_typed_for_every_role():
    typed = {}
    for overload in typing.get_overloads(ModelManager.get):
        hints = typing.get_type_hints(overload, vars(manager_module))
        if typing.get_origin(hints["role"]) is typing.Literal:
            (role,) = typing.get_args(hints["role"])
            typed[role] = hints["return"]
    assert typed == ROLE_PROTOCOLS, f"roles without their own get() overload: {sorted(set(ROLES) - set(typed))}"
