using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Tests.Snapshots;

public class CapturedNowTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 5, 12, 30, 45, 500, TimeSpan.Zero);

    [Fact]
    public void Every_timestamp_moves_by_the_time_since_the_capture_and_the_capture_becomes_now()
    {
        const string json = """
            { "capturedDateTime": "2026-11-20T09:00:00Z",
              "signIns": [ { "createdDateTime": "2026-11-17T08:59:59.9734638Z", "status": { "errorCode": 0 } } ],
              "gdap": { "endDateTime": "2027-06-30T00:00:00+02:00" },
              "displayName": "2026-11-20 is not a timestamp", "lastSeen": "2026-11-20", "requestDateTime": "2026-11-20T06:21:36.000", "far": "9999-12-31T23:59:59Z" }
            """;
        var shifted = CapturedNow.Shift(json, Now);
        var snapshotRoot = System.Text.Json.Nodes.JsonNode.Parse(shifted)!;
        // Whole seconds: 105 days 3:30:45, the half second of "now" dropped.
        Assert.Equal("2027-03-05T12:30:45Z", (string)snapshotRoot["capturedDateTime"]!);
        Assert.Equal("2027-03-02T12:30:44.9734638Z", (string)snapshotRoot["signIns"]![0]!["createdDateTime"]!);
        Assert.Equal("2027-10-13T01:30:45Z", (string)snapshotRoot["gdap"]!["endDateTime"]!);
        Assert.Equal("2026-11-20 is not a timestamp", (string)snapshotRoot["displayName"]!);
        // Partner Center's dates (loginDate) move by whole days, its zoneless UTC times as they are written.
        Assert.Equal("2027-03-05", (string)snapshotRoot["lastSeen"]!);
        Assert.Equal("2027-03-05T09:52:21.000", (string)snapshotRoot["requestDateTime"]!);
        Assert.Equal("9999-12-31T23:59:59Z", (string)snapshotRoot["far"]!);
    }

    [Fact]
    public void A_document_without_a_capture_time_is_refused() =>
        Assert.Throws<SnapshotFormatException>(() => CapturedNow.Shift("""{ "users": [] }""", Now));
}
