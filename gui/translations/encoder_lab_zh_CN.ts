<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>ExperimentPanel</name>
    <message>
      <source>Data</source>
      <translation>数据</translation>
    </message>
    <message>
      <source>The embedded sets work offline; the others download once.</source>
      <translation>内置数据集可离线使用；其他数据集需下载一次。</translation>
    </message>
    <message>
      <source>data set</source>
      <translation>数据集</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>方法</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>训练设置</translation>
    </message>
    <message>
      <source>● changes while training; the rest on Reset (R)</source>
      <translation>● 训练中即时生效；其余在重置 (R) 后生效</translation>
    </message>
    <message>
      <source>The settings appear once the training engine has started (a few seconds on first launch, while PyTorch loads).</source>
      <translation>训练引擎启动后显示设置（首次启动需几秒钟加载 PyTorch）。</translation>
    </message>
    <message>
      <source>Image folder…</source>
      <translation>图像文件夹…</translation>
    </message>
    <message>
      <source>hide</source>
      <translation>收起</translation>
    </message>
    <message>
      <source>show</source>
      <translation>展开</translation>
    </message>
    <message>
      <source>Hide the run's settings</source>
      <translation>收起训练设置</translation>
    </message>
    <message>
      <source>Show the run's settings: optimiser, learning rate, batch size, seed, device</source>
      <translation>展开训练设置：优化器、学习率、批大小 (batch size)、随机种子、设备</translation>
    </message>
    <message>
      <source>optimiser, learning rate, batch size, seed, device</source>
      <translation>优化器、学习率、批大小 (batch size)、随机种子、设备</translation>
    </message>
    <message>
      <source>Choose a folder of images</source>
      <translation>选择图像文件夹</translation>
    </message>
    <message>
      <source>  (download)</source>
      <translation>  （需下载）</translation>
    </message>
    <message>
      <source>{0} is not available on this machine</source>
      <translation>本机没有可用的 {0}</translation>
    </message>
    <message>
      <source>batch {0}</source>
      <translation>批 (batch) {0}</translation>
    </message>
    <message>
      <source>seed {0}</source>
      <translation>种子 {0}</translation>
    </message>
  </context>
  <context>
    <name>Language</name>
    <message>
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <source>The language changes when Encoder Lab starts again</source>
      <translation>重新启动 Encoder Lab 后切换语言</translation>
    </message>
  </context>
  <context>
    <name>StatusBar</name>
    <message>
      <source>Analysis</source>
      <translation>分析</translation>
    </message>
    <message>
      <source>{0} is now {1} from step {2}</source>
      <translation>从第 {2} 步起 {0} 为 {1}</translation>
    </message>
    <message>
      <source>Embedding map</source>
      <translation>表示 (Embedding) 分布图</translation>
    </message>
    <message>
      <source>Probes</source>
      <translation>探针 (probe)</translation>
    </message>
    <message>
      <source>epoch {0}</source>
      <translation>轮 (epoch) {0}</translation>
    </message>
    <message>
      <source>measuring…</source>
      <translation>测量中…</translation>
    </message>
    <message>
      <source>A: step {0}</source>
      <translation>A：第 {0} 步</translation>
    </message>
    <message>
      <source>step {0}</source>
      <translation>第 {0} 步</translation>
    </message>
    <message>
      <source>{0} img/s</source>
      <translation>{0} 张/秒</translation>
    </message>
    <message>
      <source>Compare: wait for the run to start</source>
      <translation>对比：请等待训练开始</translation>
    </message>
    <message>
      <source>starting B: {0}…</source>
      <translation>正在启动 B：{0}…</translation>
    </message>
    <message>
      <source>B: step {0}</source>
      <translation>B：第 {0} 步</translation>
    </message>
    <message>
      <source>run B: {0}</source>
      <translation>训练 B：{0}</translation>
    </message>
    <message>
      <source>the comparison run</source>
      <translation>对比训练</translation>
    </message>
    <message>
      <source>opening {0} (step {1})…</source>
      <translation>正在打开 {0}（第 {1} 步）…</translation>
    </message>
  </context>
  <context>
    <name>Transport</name>
    <message>
      <source>Transport</source>
      <translation>播放控制</translation>
    </message>
    <message>
      <source>Play</source>
      <translation>播放</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>Messages</source>
      <translation>消息</translation>
    </message>
    <message>
      <source>Play / pause training (Space)</source>
      <translation>开始 / 暂停训练 (空格键)</translation>
    </message>
    <message>
      <source>Take exactly one training step (S)</source>
      <translation>只训练一步 (S)</translation>
    </message>
    <message>
      <source>Start again from fresh weights with the settings on the left (R)</source>
      <translation>用左侧的设置从新的权重重新开始 (R)</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
  </context>
</TS>
