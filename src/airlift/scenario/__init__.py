"""Scenario files: the format (pydantic schema), units, and the loader that locates problems.

``load_scenario(path)`` is the usual entry point: it returns a
:class:`LoadedScenario` or raises :class:`airlift.errors.ScenarioError` with
every problem of the file, each located by line, column and field.
"""

from airlift.scenario.json_schema import scenario_json_schema as scenario_json_schema
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
from airlift.scenario.schema import EstimateRow as EstimateRow
from airlift.scenario.schema import FlightGroup as FlightGroup
from airlift.scenario.schema import MassRange as MassRange
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
    "EstimateRow",
    "FlightGroup",
    "LoadedScenario",
    "MassRange",
    "Quantity",
    "Scenario",
    "Source",
    "Statement",
    "UnitError",
    "load_scenario",
    "load_scenario_text",
    "scenario_from_dict",
    "scenario_json_schema",
]
