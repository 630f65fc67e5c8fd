"""The base of every annotation model: strict (an unknown field is an error) and frozen.

>>> Model.model_config["extra"], Model.model_config["frozen"]
('forbid', True)
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base of every annotation model: unknown fields are rejected, instances are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, str_strip_whitespace=False)
