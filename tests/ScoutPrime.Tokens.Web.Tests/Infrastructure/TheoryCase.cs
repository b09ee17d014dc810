using Xunit.Abstractions;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>A type whose values are the cases of a theory, each named by its <c>ToString</c>.</summary>
public interface ITheoryCases<TSelf>
    where TSelf : ITheoryCases<TSelf>
{
    static abstract IReadOnlyList<TSelf> All { get; }
}

/// <summary>
/// One typed case of a theory, listed on its own under its name. xUnit 2 lists a theory's cases one by one only
/// when it can serialize them, and a case holding a delegate cannot be: so a case travels as its place in
/// <see cref="ITheoryCases{TSelf}.All"/> and is found there again.
/// </summary>
public sealed class TheoryCase<T> : IXunitSerializable
    where T : ITheoryCases<T>
{
    private int _index;

    [Obsolete("Called by xUnit's deserializer.", error: true)]
    public TheoryCase()
    {
    }

    internal TheoryCase(int index) => _index = index;

    public T Value => T.All[_index];

    public override string ToString() => Value.ToString() ?? string.Empty;

    void IXunitSerializable.Serialize(IXunitSerializationInfo info) => info.AddValue("index", _index);

    void IXunitSerializable.Deserialize(IXunitSerializationInfo info) => _index = info.GetValue<int>("index");
}

public static class TheoryCases
{
    /// <summary>Every case of <typeparamref name="T"/>, as a theory's data.</summary>
    public static TheoryData<TheoryCase<T>> All<T>()
        where T : ITheoryCases<T> =>
        new(Enumerable.Range(0, T.All.Count).Select(i => new TheoryCase<T>(i)));
}
