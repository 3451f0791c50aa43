using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Generation;

/// <summary>Word pools for names, people and addresses, and the realistic proportions of the generated province.</summary>
internal static class Vocabulary
{
    public static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "魏", "熊", "涂", "万", "邹", "龚"];

    public static readonly string[] GivenNameChars =
        ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "辉", "建", "国", "红", "斌", "鹏", "亮", "婷", "玲", "晨", "宇", "浩", "欣", "波", "健"];

    public static readonly string[] TradeNames =
        ["鑫源", "恒泰", "华盛", "嘉禾", "瑞丰", "宏达", "金诚", "赣鄱", "昌盛", "永兴", "天成", "福瑞", "庐山", "豫章", "洪都", "锦程", "佳和", "聚鑫", "仁和", "博远", "新创", "东方", "红星", "绿野", "康宁", "安泰", "信达", "润泽", "百川", "明德", "兴旺", "万福", "卓越", "汇通", "和谐", "德润", "荣昌", "君悦", "益民", "众诚"];

    public static readonly string[] Roads =
        ["八一大道", "中山路", "胜利路", "阳明路", "解放路", "井冈山大道", "人民路", "建设路", "长征路", "红谷中大道", "北京东路", "青山路", "洪都大道", "沿江路", "文化路", "迎宾大道", "站前路", "府前路"];

    /// <summary>GB/T 4754-2017 industries, how common each is (per mille) and the tag an entity there usually carries.</summary>
    public static readonly IReadOnlyList<(string Code, string Word, int Weight, string? Tag)> Industries =
    [
        ("F5211", "百货", 60, null),
        ("F5212", "超市", 55, null),
        ("F5221", "粮油店", 30, "食品经营者"),
        ("F5223", "果蔬店", 30, "集贸市场经营户"),
        ("F5225", "水产店", 20, "集贸市场经营户"),
        ("F5251", "大药房", 25, "药品零售企业"),
        ("F5265", "加油站", 8, "加油站"),
        ("F5292", "网络商贸", 40, "网络交易经营者"),
        ("F5271", "五金店", 35, null),
        ("H6110", "宾馆", 18, "旅馆"),
        ("H6210", "餐饮", 80, "食品经营者"),
        ("H6220", "小吃店", 70, "食品经营者"),
        ("C1431", "食品厂", 12, "工业产品生产企业"),
        ("C1761", "纺织制品厂", 10, "工业产品生产企业"),
        ("C3130", "钢铁制品厂", 6, "工业产品生产企业"),
        ("C2614", "化工厂", 5, "危险化学品经营单位"),
        ("E4710", "建筑工程", 30, "建筑业企业"),
        ("K7030", "房产中介", 20, "房地产经纪机构"),
        ("L7251", "广告", 20, "广告发布者"),
        ("L7291", "旅行社", 8, "旅行社"),
        ("R9011", "文化传媒", 15, null),
        ("R9031", "歌舞娱乐", 10, "娱乐场所"),
        ("O8010", "理发店", 45, "公共场所经营者"),
        ("O8051", "洗浴中心", 10, "公共场所经营者"),
        ("Q8514", "养老院", 6, "养老机构"),
        ("A0511", "农业", 40, null),
        ("A0311", "养殖", 25, null),
        ("I6510", "软件开发", 25, null),
        ("M7480", "防雷检测", 2, "防雷装置检测单位"),
        ("G5430", "道路货运", 30, null),
        ("S9513", "物业管理", 14, null),
    ];

    public static readonly int[] IndustryWeights = [.. Industries.Select(i => i.Weight)];

    /// <summary>Entity types and their share in per mille: individual businesses dominate.</summary>
    public static readonly IReadOnlyList<(EntityType Type, int Weight)> EntityTypes =
    [
        (EntityType.IndividualBusiness, 640),
        (EntityType.LimitedLiabilityCompany, 270),
        (EntityType.JointStockCompany, 10),
        (EntityType.NonCompanyEnterprise, 10),
        (EntityType.SoleProprietorship, 20),
        (EntityType.Partnership, 10),
        (EntityType.FarmersCooperative, 40),
    ];

    public static readonly int[] EntityTypeWeights = [.. EntityTypes.Select(e => e.Weight)];

    /// <summary>Registration statuses in per mille: most exist; only existing and suspended are drawable.</summary>
    public static readonly IReadOnlyList<(RegistrationStatus Status, int Weight)> Statuses =
    [
        (RegistrationStatus.Existing, 865),
        (RegistrationStatus.Revoked, 40),
        (RegistrationStatus.Deregistered, 60),
        (RegistrationStatus.MovedOut, 5),
        (RegistrationStatus.Cancelled, 5),
        (RegistrationStatus.Suspended, 25),
    ];

    public static readonly int[] StatusWeights = [.. Statuses.Select(s => s.Weight)];

    /// <summary>Risk grades in per mille, ungraded (<see langword="null"/>) included: mostly A and B, few D.</summary>
    public static readonly IReadOnlyList<(RiskGrade? Grade, int Weight)> Grades =
    [
        (RiskGrade.A, 500),
        (RiskGrade.B, 330),
        (RiskGrade.C, 65),
        (RiskGrade.D, 25),
        (null, 80),
    ];

    public static readonly int[] GradeWeights = [.. Grades.Select(g => g.Weight)];

    public static readonly string[] ExtraTags = ["重点监管企业", "小微企业", "高新技术企业", "外资企业", "冷链食品经营者"];

    public static readonly string[] Findings =
    [
        "未按规定公示年度报告", "计量器具未按期检定", "药品陈列不符合规范", "从业人员健康证明过期", "未明码标价", "消防通道堵塞",
    ];
}
