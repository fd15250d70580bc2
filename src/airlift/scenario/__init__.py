"""Scenario files: the format (pydantic schema), units, and the loader that locates problems.

``load_scenario(path)`` is the usual entry point: it returns a
:class:`LoadedScenario` or raises :class:`airlift.errors.ScenarioError` with
every problem of the file, each located by line, column and field.
"""

from airlift.scenario.catalog import packaged_catalog as packaged_catalog
from airlift.scenario.json_schema import scenario_json_schema as scenario_json_schema
from airlift.scenario.lanes import great_circle_km as great_circle_km
from airlift.scenario.lanes import hold_misfit as hold_misfit
from airlift.scenario.lanes import lane_payload as lane_payload
from airlift.scenario.loader import LoadedScenario as LoadedScenario
from airlift.scenario.loader import load_scenario as load_scenario
from airlift.scenario.loader import load_scenario_text as load_scenario_text
from airlift.scenario.loader import scenario_from_dict as scenario_from_dict
from airlift.scenario.schema import BOUND_KEYS as BOUND_KEYS
from airlift.scenario.schema import Aircraft as Aircraft
from airlift.scenario.schema import Airfield as Airfield
from airlift.scenario.schema import AmountRange as AmountRange
from airlift.scenario.schema import Cargo as Cargo
from airlift.scenario.schema import CountRange as CountRange
from airlift.scenario.schema import Dimensions as Dimensions
from airlift.scenario.schema import EstimateRow as EstimateRow
from airlift.scenario.schema import FlightGroup as FlightGroup
from airlift.scenario.schema import LengthRange as LengthRange
from airlift.scenario.schema import MassRange as MassRange
from airlift.scenario.schema import PayloadPoint as PayloadPoint
from airlift.scenario.schema import Scenario as Scenario
from airlift.scenario.schema import Source as Source
from airlift.scenario.schema import Statement as Statement
from airlift.scenario.units import Dimension as Dimension
from airlift.scenario.units import Quantity as Quantity
from airlift.scenario.units import UnitError as UnitError

__all__ = [
    "BOUND_KEYS",
    "Aircraft",
    "Airfield",
    "AmountRange",
    "Cargo",
    "CountRange",
    "Dimension",
    "Dimensions",
    "EstimateRow",
    "FlightGroup",
    "LengthRange",
    "LoadedScenario",
    "MassRange",
    "PayloadPoint",
    "Quantity",
    "Scenario",
    "Source",
    "Statement",
    "UnitError",
    "great_circle_km",
    "hold_misfit",
    "lane_payload",
    "load_scenario",
    "load_scenario_text",
    "packaged_catalog",
    "scenario_from_dict",
    "scenario_json_schema",
]
