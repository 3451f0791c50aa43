namespace ShuangSuiJi.Generation;

/// <summary>Jiangxi province (江西省, 360000): its cities and counties with their GB/T 2260 codes.</summary>
internal static class Jiangxi
{
    public const string ProvinceCode = "360000";
    public const string ProvinceName = "江西省";
    public const char CertificatePrefix = '赣';

    public sealed record City(string Code, string Name, IReadOnlyList<County> Counties);

    public sealed record County(string Code, string Name);

    public static readonly IReadOnlyList<City> Cities =
    [
        new("360100", "南昌市", Counties("360102东湖区 360103西湖区 360104青云谱区 360111青山湖区 360112新建区 360113红谷滩区 360121南昌县 360123安义县 360124进贤县")),
        new("360200", "景德镇市", Counties("360202昌江区 360203珠山区 360222浮梁县 360281乐平市")),
        new("360300", "萍乡市", Counties("360302安源区 360313湘东区 360321莲花县 360322上栗县 360323芦溪县")),
        new("360400", "九江市", Counties("360402濂溪区 360403浔阳区 360404柴桑区 360423武宁县 360424修水县 360425永修县 360426德安县 360428都昌县 360429湖口县 360430彭泽县 360481瑞昌市 360482共青城市 360483庐山市")),
        new("360500", "新余市", Counties("360502渝水区 360521分宜县")),
        new("360600", "鹰潭市", Counties("360602月湖区 360603余江区 360681贵溪市")),
        new("360700", "赣州市", Counties("360702章贡区 360703南康区 360704赣县区 360722信丰县 360723大余县 360724上犹县 360725崇义县 360726安远县 360728定南县 360729全南县 360730宁都县 360731于都县 360732兴国县 360733会昌县 360734寻乌县 360735石城县 360781瑞金市 360783龙南市")),
        new("360800", "吉安市", Counties("360802吉州区 360803青原区 360821吉安县 360822吉水县 360823峡江县 360824新干县 360825永丰县 360826泰和县 360827遂川县 360828万安县 360829安福县 360830永新县 360881井冈山市")),
        new("360900", "宜春市", Counties("360902袁州区 360921奉新县 360922万载县 360923上高县 360924宜丰县 360925靖安县 360926铜鼓县 360981丰城市 360982樟树市 360983高安市")),
        new("361000", "抚州市", Counties("361002临川区 361003东乡区 361021南城县 361022黎川县 361023南丰县 361024崇仁县 361025乐安县 361026宜黄县 361027金溪县 361028资溪县 361030广昌县")),
        new("361100", "上饶市", Counties("361102信州区 361103广丰区 361104广信区 361123玉山县 361124铅山县 361125横峰县 361126弋阳县 361127余干县 361128鄱阳县 361129万年县 361130婺源县 361181德兴市")),
    ];

    /// <summary>Every county in a fixed order; targets are spread over them.</summary>
    public static readonly IReadOnlyList<(City City, County County)> AllCounties =
        [.. Cities.SelectMany(c => c.Counties.Select(k => (c, k)))];

    private static County[] Counties(string list) =>
        [.. list.Split(' ').Select(s => new County(s[..6], s[6..]))];
}
