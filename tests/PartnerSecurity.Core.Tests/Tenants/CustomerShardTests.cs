using PartnerSecurity.Tenants;

namespace PartnerSecurity.Tests.Tenants;

public class CustomerShardTests
{
    private static readonly string[] s_tenants = Enumerable.Range(0, 5000).Select(i => new Guid(i, 7, 9, new byte[] { 1, 2, 3, 4, 5, 6, 7, (byte)i }).ToString()).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    public void Shards_one_to_n_cover_every_customer_exactly_once_and_evenly(int count)
    {
        var shards = Enumerable.Range(1, count).Select(i => new CustomerShard(i, count)).ToList();
        foreach (var tenant in s_tenants) Assert.Single(shards, s => s.Contains(tenant));
        var sizes = shards.Select(s => s_tenants.Count(s.Contains)).ToList();
        double expected = (double)s_tenants.Length / count;
        Assert.All(sizes, size => Assert.InRange(size, expected * 0.6, expected * 1.4 + 5));
    }

    [Fact]
    public void A_tenant_keeps_its_shard_whatever_its_case_or_the_rest_of_the_list()
    {
        var tenant = s_tenants[123];
        int shard = CustomerShard.Of(tenant, 8);
        Assert.Equal(shard, CustomerShard.Of(tenant.ToUpperInvariant(), 8));
        Assert.Equal(shard, CustomerShard.Of(" " + tenant + " ", 8));
        // Pinned: the split is part of the contract between jobs started by different versions of the module.
        Assert.Equal(8, CustomerShard.Of("72f988bf-86f1-41af-91ab-2d7cd011db47", 10));
        Assert.Equal(1, CustomerShard.Of("00000000-0000-0000-0000-000000000001", 3));
    }

    [Theory]
    [InlineData("2/8", 2, 8)]
    [InlineData(" 1/1 ", 1, 1)]
    [InlineData("10/10", 10, 10)]
    public void Parses_i_of_n(string text, int index, int count)
    {
        var shard = CustomerShard.Parse(text);
        Assert.Equal((index, count), (shard.Index, shard.Count));
        Assert.Equal($"{index}/{count}", shard.ToString());
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1/4/2")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("1/10001")]
    public void Refuses_what_is_not_a_shard_with_the_form_to_write(string text)
    {
        var error = Assert.Throws<FormatException>(() => CustomerShard.Parse(text));
        Assert.Contains("i/n", error.Message);
    }
}
