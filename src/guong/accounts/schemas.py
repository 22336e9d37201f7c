"""Request and response bodies of the accounts API: the caller, users, roles, tokens."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from .models import Role


class RoleOut(Schema):
    id: int
    username: str
    role: str
    unit: str
    unit_name: str
    granted_at: dt.datetime
    granted_by: str | None = None
    ended_at: dt.datetime | None

    @staticmethod
    def resolve_username(assignment) -> str:
        return assignment.user.username

    @staticmethod
    def resolve_unit(assignment) -> str:
        return assignment.unit.code

    @staticmethod
    def resolve_unit_name(assignment) -> str:
        return assignment.unit.name

    @staticmethod
    def resolve_granted_by(assignment) -> str | None:
        return assignment.granted_by.username if assignment.granted_by_id else None


class RolePage(Schema):
    count: int
    items: list[RoleOut]


class RoleIn(Schema):
    username: str
    role: Role
    unit: str = Field(description="code of the unit the role is given on")


class UserIn(Schema):
    username: str
    password: str | None = Field(None, description="generated when omitted")
    member: str | None = Field(None, description="card number of the member this login is for")
    full_name: str = ""
    email: str = ""


class UserCreated(Schema):
    username: str
    password: str | None = Field(None, description="the generated password, shown this once")


class MyRole(Schema):
    role: str
    unit: str
    unit_name: str


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[MyRole]
    member: str | None = Field(None, description="card number of the caller's member record")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenPage(Schema):
    count: int
    items: list[TokenOut]


class TokenIn(Schema):
    name: str


class TokenCreated(TokenOut):
    token: str = Field(description="the token itself, shown this once; only its hash is kept")
