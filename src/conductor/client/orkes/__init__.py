"""Client implementations under the official ``Orkes*`` names (they work against any Conductor)."""
