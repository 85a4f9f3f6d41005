using PartnerSecurity.SnapshotGenerator.Graph;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>
    /// Where the demo's sign-ins come from. Addresses are documentation ranges only (RFC 5737, RFC 3849):
    /// 203.0.113.0/26 Northwind Seattle, 203.0.113.64/26 Northwind Dublin, 203.0.113.128/26 Tailspin
    /// Rotterdam, 203.0.113.192/26 Tailspin depots, 198.51.100.0/26 Adatum, 198.51.100.64/26 Fabrikam,
    /// 198.51.100.128/26 cloud-hosted automation, 198.51.100.192/26 the managed SOC vendor,
    /// 192.0.2.0/24 hostile sources, 2001:db8::/32 home and mobile networks.
    /// </summary>
    internal static class DemoPlaces
    {
        public const string NorthwindSeattleRange = "203.0.113.0/26";
        public const string NorthwindDublinRange = "203.0.113.64/26";
        public const string TailspinRotterdamRange = "203.0.113.128/26";

        public static readonly Place Seattle = new Place("Seattle", "Washington", "US", 47.6062, -122.3321, "203.0.113.10");
        public static readonly Place Dublin = new Place("Dublin", "Dublin", "IE", 53.3498, -6.2603, "203.0.113.70");
        public static readonly Place SeattleHome = new Place("Bellevue", "Washington", "US", 47.6101, -122.2015, "2001:db8:4a1:17::2c");
        public static readonly Place Tacoma = new Place("Tacoma", "Washington", "US", 47.2529, -122.4443, "2001:db8:4a1:88::91");
        public static readonly Place Madrid = new Place("Madrid", "Madrid", "ES", 40.4168, -3.7038, "2001:db8:e5:3::1d");
        public static readonly Place Munich = new Place("Munich", "Bayern", "DE", 48.1351, 11.582, "2001:db8:de:41::7");
        public static readonly Place Lisbon = new Place("Lisbon", "Lisboa", "PT", 38.7223, -9.1393, "2001:db8:51:9::30");
        public static readonly Place Stockholm = new Place("Stockholm", "Stockholm", "SE", 59.3293, 18.0686, "2001:db8:5e:2::44");
        public static readonly Place Toronto = new Place("Toronto", "Ontario", "CA", 43.6532, -79.3832, "2001:db8:ca:10::5");
        public static readonly Place London = new Place("London", "England", "GB", 51.5072, -0.1276, "2001:db8:9b:7::12");
        public static readonly Place Amsterdam = new Place("Amsterdam", "Noord-Holland", "NL", 52.3676, 4.9041, "198.51.100.140");
        public static readonly Place Bengaluru = new Place("Bengaluru", "Karnataka", "IN", 12.9716, 77.5946, "198.51.100.201");
        public static readonly Place HostileA = new Place("Kyiv", "Kyiv City", "UA", 50.4501, 30.5234, "192.0.2.41");
        public static readonly Place HostileB = new Place("Sao Paulo", "Sao Paulo", "BR", -23.5558, -46.6396, "192.0.2.187");
        public static readonly Place Rotterdam = new Place("Rotterdam", "Zuid-Holland", "NL", 51.9244, 4.4777, "203.0.113.140");
        public static readonly Place Antwerp = new Place("Antwerp", "Antwerpen", "BE", 51.2194, 4.4025, "203.0.113.200");
        public static readonly Place RotterdamHome = new Place("Delft", "Zuid-Holland", "NL", 52.0116, 4.3571, "2001:db8:31:6::18");
        public static readonly Place Boston = new Place("Boston", "Massachusetts", "US", 42.3601, -71.0589, "198.51.100.12");
        public static readonly Place BostonHome = new Place("Cambridge", "Massachusetts", "US", 42.3736, -71.1097, "2001:db8:b0:3::9");
    }
}
