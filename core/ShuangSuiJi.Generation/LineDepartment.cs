using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Generation;

/// <summary>A line of departments as generated: its code suffix, names per level and the items it checks.</summary>
internal sealed record LineDepartment(
    LineOfWork Line,
    string Suffix,
    string ProvinceName,
    string LocalName,
    bool AtCounty,
    IReadOnlyList<(string Field, string Item, string Scope, CheckMethod[] Methods)> Items)
{
    public static readonly IReadOnlyList<LineDepartment> All =
    [
        new(LineOfWork.MarketSupervision, "SCJG", "市场监督管理局", "市场监督管理局", true,
        [
            ("企业信息公示", "企业公示信息抽查", "各类企业", [CheckMethod.Documentary, CheckMethod.Online, CheckMethod.OnSite]),
            ("药品零售", "药品经营质量管理规范执行情况", "药品零售企业", [CheckMethod.OnSite]),
            ("计量器具", "强制检定计量器具使用情况", "集贸市场经营户", [CheckMethod.OnSite, CheckMethod.Documentary]),
            ("食品经营", "食品经营许可及经营行为检查", "食品经营者", [CheckMethod.OnSite]),
            ("特种设备", "特种设备使用单位安全管理检查", "特种设备使用单位", [CheckMethod.OnSite]),
            ("产品质量", "生产领域产品质量监督抽查", "工业产品生产企业", [CheckMethod.ProfessionalBody, CheckMethod.OnSite]),
            ("广告监管", "广告发布行为检查", "广告发布者", [CheckMethod.Online, CheckMethod.Documentary]),
            ("价格监管", "明码标价和价格行为检查", "商品零售经营者", [CheckMethod.OnSite]),
            ("网络交易", "网络交易经营者亮照亮证情况", "网络交易经营者", [CheckMethod.Online]),
            ("加油站", "加油机计量及油品质量检查", "加油站", [CheckMethod.OnSite, CheckMethod.ProfessionalBody]),
        ]),
        new(LineOfWork.PublicSecurity, "GA", "公安厅", "公安局", true,
        [
            ("治安管理", "旅馆业治安管理检查", "旅馆", [CheckMethod.OnSite]),
            ("消防安全", "公众聚集场所消防安全检查", "公众聚集场所", [CheckMethod.OnSite]),
        ]),
        new(LineOfWork.CultureAndTourism, "WL", "文化和旅游厅", "文化广电新闻出版旅游局", true,
        [
            ("文化市场", "娱乐场所经营活动检查", "娱乐场所", [CheckMethod.OnSite]),
            ("旅游市场", "旅行社经营行为检查", "旅行社", [CheckMethod.OnSite, CheckMethod.Documentary]),
        ]),
        new(LineOfWork.EmergencyManagement, "YJ", "应急管理厅", "应急管理局", true,
        [
            ("安全生产", "危险化学品经营单位安全生产检查", "危险化学品经营单位", [CheckMethod.OnSite]),
            ("安全生产", "工贸企业安全生产检查", "工贸企业", [CheckMethod.OnSite, CheckMethod.Documentary]),
        ]),
        new(LineOfWork.Taxation, "SW", "税务局", "税务局", true,
        [
            ("税收征管", "纳税人发票使用情况检查", "一般纳税人", [CheckMethod.Documentary, CheckMethod.OnSite]),
        ]),
        new(LineOfWork.HousingAndConstruction, "ZJ", "住房和城乡建设厅", "住房和城乡建设局", true,
        [
            ("建筑市场", "建筑施工企业资质及安全生产条件检查", "建筑业企业", [CheckMethod.OnSite, CheckMethod.Documentary]),
            ("房地产", "房地产中介机构经营行为检查", "房地产经纪机构", [CheckMethod.OnSite]),
        ]),
        new(LineOfWork.CivilAffairs, "MZ", "民政厅", "民政局", true,
        [
            ("养老服务", "养老机构服务质量和安全检查", "养老机构", [CheckMethod.OnSite]),
        ]),
        new(LineOfWork.Meteorology, "QX", "气象局", "气象局", false,
        [
            ("防雷安全", "防雷装置检测资质单位检查", "防雷装置检测单位", [CheckMethod.OnSite, CheckMethod.Documentary]),
        ]),
        new(LineOfWork.HealthCommission, "WJW", "卫生健康委员会", "卫生健康委员会", true,
        [
            ("公共卫生", "公共场所卫生检查", "公共场所经营者", [CheckMethod.OnSite]),
            ("药品零售", "从业人员健康证明检查", "药品零售企业", [CheckMethod.OnSite, CheckMethod.Documentary]),
        ]),
    ];
}
