"""Well-known coordinates (lat, lon) the reach tests share: city centres and Andersen Air Force Base
(13°35′N 144°56′E), from their Wikipedia infoboxes."""

PYONGYANG = (39.0392, 125.7625)
PLACES = {
    "Berlin": (52.5200, 13.4050),
    "London": (51.5074, -0.1278),
    "Lisbon": (38.7223, -9.1393),
    "Washington": (38.9072, -77.0369),
    "Honolulu": (21.3069, -157.8583),
    "Anchorage": (61.2181, -149.9003),
    "Andersen AFB": (13.5840, 144.9300),
}
